import os

port = os.getenv("PORT")  # the platform's
db = os.getenv("DATABASE_URL")  # in the summary, not reported here
cache = os.environ.get("CACHE_DIR")
