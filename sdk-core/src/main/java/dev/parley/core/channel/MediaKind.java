package dev.parley.core.channel;

/** What kind of file an attachment is, as far as a channel tells. */
public enum MediaKind {
  /** A picture: JPEG, PNG, a sticker. */
  IMAGE,
  /** A video clip. */
  VIDEO,
  /** An audio clip or voice note. */
  AUDIO,
  /** Any other document. */
  FILE
}
