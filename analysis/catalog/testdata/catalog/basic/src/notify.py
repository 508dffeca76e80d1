import sendgrid
from twilio.rest import Client  # want "Twilio is used here"
import os, openai  # want "OpenAI is used here"
import boto3.session as session  # want "AWS is used here"
from google.cloud import storage  # want "Google Cloud is used here .* add it under cloud"
from . import stripe_helpers
# import anthropic

requests.post("https://api.paddle.com/transactions")  # want "Paddle is used here .* add it under payment"
