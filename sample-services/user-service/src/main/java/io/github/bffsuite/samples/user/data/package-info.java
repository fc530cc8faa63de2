/**
 * The seeded, in-memory user directory of the sample user-service.
 */
@NullMarked
package io.github.bffsuite.samples.user.data;

import org.jspecify.annotations.NullMarked;
