/**
 * Reference hosts: {@link io.ssfkit.examples.JdkHttpServerAdapter} mounts the HTTP-neutral handler on the
 * JDK's built-in HTTP server, and {@link io.ssfkit.examples.ReferenceTransmitter} runs a complete
 * transmitter on in-memory defaults.
 */
@NullMarked
package io.ssfkit.examples;

import org.jspecify.annotations.NullMarked;
