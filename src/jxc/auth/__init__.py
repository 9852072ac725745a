"""Companies (账套), users, roles and permissions, sessions and API tokens, data scopes."""
