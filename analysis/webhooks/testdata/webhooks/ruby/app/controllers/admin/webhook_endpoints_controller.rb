module Admin
  # Manages the shop's outbound webhook endpoints: it sends webhooks, it
  # receives none (no finding).
  class WebhookEndpointsController < ApplicationController
    skip_before_action :verify_authenticity_token

    def send_test
      endpoint = WebhookEndpoint.find(params[:id])
      render json: endpoint.send_test!, status: :created
    end

    def enable
      WebhookEndpoint.find(params[:id]).update!(enabled: true)
      head :ok
    end
  end
end
