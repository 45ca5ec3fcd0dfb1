"""The 回访/申诉 place: follow-up of finished cases, objections, and the abuse restriction register."""
