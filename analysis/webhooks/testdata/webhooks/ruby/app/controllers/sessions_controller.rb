class SessionsController < ApplicationController
  protect_from_forgery except: [:create]

  def create
    head :ok
  end

  def new
    head :ok
  end
end
