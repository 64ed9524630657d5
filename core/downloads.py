"""Files the back office hands out for download."""

import csv

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def csv_attachment(*, filename, header, rows) -> HttpResponse:
    """A CSV file in UTF-8 with a byte order mark, which Excel needs to read Vietnamese."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
