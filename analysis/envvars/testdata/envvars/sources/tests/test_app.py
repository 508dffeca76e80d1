import os

# Tests set up their own environment.
base = os.getenv("TEST_BASE_URL")
