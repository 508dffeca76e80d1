api_key = ENV["STRIPE_API_KEY"]

puts api_key # want "api_key \\(a secret\\) is passed to puts"
puts "token: #{token}" # want "token .* puts"
p token # want "token .* p:"
Rails.logger.info("key=#{api_key}") # want "api_key .* Rails.logger.info"
logger.debug ENV.fetch("GITHUB_TOKEN") # want "GITHUB_TOKEN .* logger.debug"
puts @secret # want "@secret"
Rails.logger.debug { "signing with #{signing_secret}" } # want "signing_secret .* Rails.logger.debug"

# Not secrets, or not their value.
puts api_key.present?
puts api_key.length
puts "token set" if token
puts token.nil?
puts mask(api_key)
puts api_key[0, 4]
puts tokens_count
Rails.logger.debug { "token present: #{token.present?}" }
# puts api_key
auth_method = "bearer"
Rails.logger.info "auth via #{auth_method}"
Rails.logger.info "request by #{user.email} - Auth: #{auth_info}"
puts "  client_secret: \"#{client_secret}\"" # want "client_secret .* puts"
def p(value)
  value
end
