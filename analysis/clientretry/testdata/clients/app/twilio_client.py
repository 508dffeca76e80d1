import os

import requests


def send_sms(to, body):
    return requests.post(  # want "client-no-retry: requests.post calls the Twilio API by hand with no retry"
        f"https://api.twilio.com/2010-04-01/Accounts/{os.environ['TWILIO_ACCOUNT_SID']}/Messages.json",
        data={"To": to, "Body": body},
    )
