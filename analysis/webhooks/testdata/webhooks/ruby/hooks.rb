require 'sinatra'
require 'openssl'

SIG_VERSION = 'v1'

# Secret-keyed signatures compared in variable time.

post '/hooks/acme' do
  body = request.body.read
  digest = OpenSSL::HMAC.hexdigest('sha256', ENV['ACME_WEBHOOK_SECRET'], body)
  halt 401 unless digest == request.env['HTTP_X_ACME_SIGNATURE'] # want "insecure-signature-compare: signature compared with ==, .*ActiveSupport::SecurityUtils.secure_compare"
  200
end

def acme_signed?(body, signature)
  expected = OpenSSL::HMAC.hexdigest('sha256', ENV['ACME_WEBHOOK_SECRET'], body)
  "sha256=#{expected}" != signature ? false : true # want "insecure-signature-compare: signature compared with !=, .*ActiveSupport::SecurityUtils.secure_compare"
end

def acme_any_matches?(body, header)
  expected = OpenSSL::HMAC.hexdigest('sha256', ENV['ACME_WEBHOOK_SECRET'], body) # want+1 "insecure-signature-compare: signature compared with ==, .*ActiveSupport::SecurityUtils.secure_compare"
  header.split(',').any? { |candidate| candidate == expected }
end

# Not secret-keyed signatures, though named like one.

# Verifies a webhook, and on the way compares what describes the signature.
def acme_envelope_ok?(envelope, body)
  digest = OpenSSL::HMAC.digest('sha256', ENV['ACME_WEBHOOK_SECRET'], body)
  signature = envelope[:signature]
  return false if envelope.digest_class != OpenSSL::Digest::SHA256
  return false if signature.bytesize != digest.bytesize || signature[0] == 'v'
  return false if envelope.sig_version != SIG_VERSION || signature == Unsigned
  Rack::Utils.secure_compare(signature, digest)
end

def uuid_digest(hash_class)
  hash_class == Digest::MD5 ? 3 : 5
end

def check_key(key)
  raise ArgumentError, 'not a signing key' if key.class != RbNaCl::Signatures::Ed25519::SigningKey
end

def gem_checksum_ok?(digest, checksum)
  digest == checksum # a file checksum: public
end
