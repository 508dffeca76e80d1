# No Twilio import, but the name carries Twilio's prefix and Twilio is cataloged.
import os

sender = os.environ.get("TWILIO_FROM_NUMBER", "+15005550006")  # want "TWILIO_FROM_NUMBER is read here"
