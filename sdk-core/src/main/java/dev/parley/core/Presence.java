package dev.parley.core;

/** Whether an operator is there to take new sessions. */
public enum Presence {
  /** Logged in and taking new sessions. */
  ONLINE,
  /** Logged in but taking no new sessions; keeps the sessions he has. */
  AWAY,
  /** Logged out. */
  OFFLINE
}
