/**
 * JSON-shaped values without a JSON library: {@link io.ssfkit.json.JsonShapes} checks, copies and names the
 * strings, numbers, booleans, lists and string-keyed maps that ssfkit's models use as their JSON views.
 */
@NullMarked
package io.ssfkit.json;

import org.jspecify.annotations.NullMarked;
