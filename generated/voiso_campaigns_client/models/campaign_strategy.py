from enum import StrEnum


class CampaignStrategy(StrEnum):
    PREDICTIVE_AI = "predictive_ai"
    SIMPLE = "simple"

    def __str__(self) -> str:
        return str(self.value)
