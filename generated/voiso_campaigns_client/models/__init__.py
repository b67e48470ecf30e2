"""Contains all the data models used in inputs/outputs"""

from .add_users_request import AddUsersRequest
from .added_users import AddedUsers
from .amd_voicemail_message import AmdVoicemailMessage
from .caller_id_set import CallerIdSet
from .campaign import Campaign
from .campaign_envelope import CampaignEnvelope
from .campaign_list import CampaignList
from .campaign_status import CampaignStatus
from .campaign_strategy import CampaignStrategy
from .channel_group_capacity import ChannelGroupCapacity
from .channel_profile import ChannelProfile
from .dial_level_override import DialLevelOverride
from .error import Error
from .lead import Lead
from .lead_context_headers import LeadContextHeaders
from .lead_source import LeadSource
from .leads_import import LeadsImport
from .leads_import_envelope import LeadsImportEnvelope
from .list_metadata import ListMetadata
from .named_ref import NamedRef
from .removed_user import RemovedUser
from .ringtone import Ringtone
from .user import User
from .user_list import UserList
from .user_skill import UserSkill
from .validation_errors import ValidationErrors
from .validation_errors_errors import ValidationErrorsErrors
from .voice_message import VoiceMessage

__all__ = (
    "AddedUsers",
    "AddUsersRequest",
    "AmdVoicemailMessage",
    "CallerIdSet",
    "Campaign",
    "CampaignEnvelope",
    "CampaignList",
    "CampaignStatus",
    "CampaignStrategy",
    "ChannelGroupCapacity",
    "ChannelProfile",
    "DialLevelOverride",
    "Error",
    "Lead",
    "LeadContextHeaders",
    "LeadsImport",
    "LeadsImportEnvelope",
    "LeadSource",
    "ListMetadata",
    "NamedRef",
    "RemovedUser",
    "Ringtone",
    "User",
    "UserList",
    "UserSkill",
    "ValidationErrors",
    "ValidationErrorsErrors",
    "VoiceMessage",
)
