"""The audit log: who signed in (or failed to), exported, published, locked, unlocked, used a
token. Sits beside accounts so every app can record to it."""
