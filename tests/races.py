"""Running the same work in several threads at one moment, for race tests on PostgreSQL."""

import threading

from django.db import connection


def race(work, arguments, *, timeout: float = 60) -> list:
    """Call `work(argument)` for each argument, each in its own thread, all released together;
    return what the calls returned, in the order they finished. Each thread closes its own
    database connection."""
    start = threading.Barrier(len(arguments))
    outcomes = []

    def run(argument):
        try:
            start.wait()
            outcomes.append(work(argument))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
