"""TownDesk's Qt front end: windows, dialogs and table models over the services in app/services."""
