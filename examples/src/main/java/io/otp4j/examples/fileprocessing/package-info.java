/**
 * Use case: a file processing service. An {@link io.otp4j.examples.fileprocessing.InboxWatcher} watches
 * an inbox folder and hands the files, one at a time, to supervised
 * {@link io.otp4j.examples.fileprocessing.FileProcessor}s on virtual threads; a corrupt file crashes its
 * processor, which is restarted, and is put aside without losing or repeating any other file. Start at
 * {@link io.otp4j.examples.fileprocessing.FileProcessingExample}; the guide is
 * {@code docs/use-cases/file-processing.md}.
 */
package io.otp4j.examples.fileprocessing;
