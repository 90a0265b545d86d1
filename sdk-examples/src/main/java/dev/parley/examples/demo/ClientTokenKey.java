package dev.parley.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key the demo signs web-chat clients' session tokens with, kept in its data directory
 * ({@code client-token.key}, readable by its owner only): made on the first start, read on every
 * later one, so that a client's token stays valid across restarts of the same center. A host does
 * the same with its own secret store; a key made anew at each start would make every client's
 * {@code resume} fail after a restart.
 *
 * <p>Thread safety: stateless.
 */
final class ClientTokenKey {
  static final String FILE = "client-token.key";
  private static final int BYTES = 32;

  private ClientTokenKey() {}

  /** The key in {@code dataDir}, made there first if there is none. */
  static byte[] in(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        write(file, Base64.getEncoder().encodeToString(key));
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
      if (key.length < BYTES) {
        throw new IllegalStateException(file + " holds a key of " + key.length + " bytes; remove it to make a new one of "
            + BYTES + " (clients then cannot resume their chats)");
      }
      return key;
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalStateException(file + " is not a Base64 key; remove it to make a new one", notBase64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the client token key in " + file, e);
    }
  }

  private static void write(Path file, String key) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      return; // another start made it meanwhile: read that one
    }
    Files.writeString(file, key);
  }
}
