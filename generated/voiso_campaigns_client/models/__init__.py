"""Contains all the data models used in inputs/outputs"""

from .amd_voicemail_message import AmdVoicemailMessage
from .caller_id_set import CallerIdSet
from .campaign import Campaign
from .campaign_envelope import CampaignEnvelope
from .campaign_list import CampaignList
from .campaign_status import CampaignStatus
from .campaign_strategy import CampaignStrategy
from .dial_level_override import DialLevelOverride
from .error import Error
from .list_metadata import ListMetadata
from .validation_errors import ValidationErrors
from .validation_errors_errors import ValidationErrorsErrors
from .voice_message import VoiceMessage

__all__ = (
    "AmdVoicemailMessage",
    "CallerIdSet",
    "Campaign",
    "CampaignEnvelope",
    "CampaignList",
    "CampaignStatus",
    "CampaignStrategy",
    "DialLevelOverride",
    "Error",
    "ListMetadata",
    "ValidationErrors",
    "ValidationErrorsErrors",
    "VoiceMessage",
)
