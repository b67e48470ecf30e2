from enum import StrEnum


class CampaignStatus(StrEnum):
    ACTIVE = "active"
    AUTO_PAUSED = "auto_paused"
    AUTO_PAUSING = "auto_pausing"
    COMPLETED = "completed"
    DRAFT = "draft"
    IMPORT_ERROR = "import_error"
    PAUSED = "paused"
    PAUSING = "pausing"
    PROCESSING = "processing"
    STOPPED = "stopped"
    STOPPING = "stopping"

    def __str__(self) -> str:
        return str(self.value)
