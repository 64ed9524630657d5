"""Wagtail's and Oscar's stock records, which staff read in Wagtail's admin, named in
Vietnamese: the page tree's root, the images' and documents' root collection, the default moderation workflow and its task, the editors'
and moderators' groups and Oscar's staff group. Only names still as they shipped change."""

from django.db import migrations

# (model, field, English name as shipped, Vietnamese name)
NAMES = [
    ("wagtailcore", "Page", "title", "Root", "Gốc"),
    ("wagtailcore", "Page", "draft_title", "Root", "Gốc"),
    ("wagtailcore", "Collection", "name", "Root", "Thư viện chung"),
    ("wagtailcore", "Workflow", "name", "Moderators approval", "Duyệt nội dung"),
    ("wagtailcore", "Task", "name", "Moderators approval", "Ban biên tập duyệt"),
    ("auth", "Group", "name", "Moderators", "Người duyệt nội dung"),
    ("auth", "Group", "name", "Editors", "Biên tập viên"),
    ("auth", "Group", "name", "All Oscar Dashboard Permissions", "Nhân viên cửa hàng (toàn quyền)"),
]


def rename(apps, forwards):
    for app_label, model_name, field, english, vietnamese in NAMES:
        model = apps.get_model(app_label, model_name)
        old, new = (english, vietnamese) if forwards else (vietnamese, english)
        queryset = model.objects.filter(**{field: old})
        if model_name in {"Page", "Collection"}:
            queryset = queryset.filter(depth=1)
        queryset.update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_promotion_pages"),
        ("customer", "0008_assign_permissions_to_staff"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(lambda apps, schema: rename(apps, True), lambda apps, schema: rename(apps, False)),
    ]
