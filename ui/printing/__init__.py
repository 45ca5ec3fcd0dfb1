"""Preview and printing of TownDesk's PDFs: one document, or a batch in the background."""
