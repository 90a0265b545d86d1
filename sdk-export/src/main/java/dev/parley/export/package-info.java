/**
 * Exports the session history: the sessions a {@link dev.parley.storage.SessionQuery} selects, as
 * spreadsheet-safe CSV or as a standalone HTML document with their transcripts, streamed page by
 * page so that the size of an export never shows in memory.
 *
 * <p>Start at {@link dev.parley.export.SessionExport#builder(dev.parley.storage.Storage,
 * dev.parley.storage.SessionQuery)}; the columns are {@link dev.parley.export.Column}s.
 */
@NullMarked
package dev.parley.export;

import org.jspecify.annotations.NullMarked;
