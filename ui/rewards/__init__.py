"""The 奖励 place: queues of fire-hazard tip-off rewards, the claim screen and its actions."""
