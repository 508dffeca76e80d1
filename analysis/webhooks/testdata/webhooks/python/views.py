from django.http import HttpResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.utils.decorators import method_decorator

from .signing import check_paddle_signature


@csrf_exempt
def paddle_webhook(request):
    check_paddle_signature(request.body, request.META["HTTP_PADDLE_SIGNATURE"])
    return HttpResponse(status=200)


@csrf_exempt
def sendgrid_events(request):  # want "unverified-webhook: SendGrid webhook handler never verifies the X-Twilio-Email-Event-Webhook-Signature header"
    signature = request.META.get("HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE")
    return HttpResponse(status=204 if signature else 400)


@method_decorator(csrf_exempt, name="dispatch")
class ZoomWebhookView(View):
    def post(self, request):  # want "unverified-webhook: Zoom webhook handler never verifies the X-Zm-Signature header; compute an HMAC of the raw body and compare it with hmac.compare_digest"
        return HttpResponse(status=200)
