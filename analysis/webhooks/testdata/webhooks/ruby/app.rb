require 'sinatra'
require 'json'

post '/hooks/zoom' do # want "unverified-webhook: Zoom webhook handler never verifies the X-Zm-Signature header"
  event = JSON.parse(request.body.read)
  event['event']
end

before '/webhooks/*' do
  halt 401 unless Rack::Utils.secure_compare(request.env['HTTP_X_SIGNATURE'].to_s, OpenSSL::HMAC.hexdigest('sha256', ENV['LEMONSQUEEZY_WEBHOOK_SECRET'], request.body.read))
end

post '/webhooks/lemonsqueezy' do
  'ok'
end

post '/contact' do
  'thanks'
end
