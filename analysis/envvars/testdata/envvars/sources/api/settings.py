from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic import Field


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")

    stripe_key: str = ""
    mail_host: str = Field("localhost", validation_alias="SMTP_RELAY_HOST")
