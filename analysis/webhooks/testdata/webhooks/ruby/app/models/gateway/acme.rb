class Gateway::Acme
  def check_delivery!(token, body)
    claims = JWT.decode(token, nil, true, { algorithms: ["ES256"], jwks: keys }).first
    expected = claims["body_sha256"].to_s
    raise JWT::VerificationError, "body changed" unless ActiveSupport::SecurityUtils.secure_compare(expected, Digest::SHA256.hexdigest(body))
  end

  def store_delivery!(body)
    Delivery.create!(payload: body)
  end
end
