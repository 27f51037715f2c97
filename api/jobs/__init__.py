"""The job queue, the worker that runs it and the schedules that fill it."""
