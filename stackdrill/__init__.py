"""The fault drill (issue 15, "Faults, survived"): buyers load the running stack over HTTP while
its parts are killed, then the database and the load's log say whether anything was lost.

Not a Django app and not a test module: it imports nothing of the site, talks to the stack only
as a browser and an operator would (HTTP on 127.0.0.1, signals to the stack's processes, SQL
reads of its database), and is run by hand or by `.ci/run`:

    scripts/run-stack start
    .venv/bin/python -m stackdrill --short     # about 2 minutes (CI)
    .venv/bin/python -m stackdrill             # the full drill, about 6 minutes
    scripts/run-stack stop

- `stackdrill.pages`: reading the site's HTML (forms, links, the thank-you page's number);
- `stackdrill.buyers`: the virtual buyers and the JSONL log of every request;
- `stackdrill.stack`: the stack's processes (pid files, kill -9, starting them again);
- `stackdrill.faults`: the four faults, each after a stretch of steady load;
- `stackdrill.verdict`: the counts from the database and the log, the table, the exit status.
"""
