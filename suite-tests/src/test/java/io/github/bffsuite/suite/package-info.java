/**
 * Tests of the suite as a whole: compose file, Dockerfile and launcher against the apps'
 * own configuration.
 */
@NullMarked
package io.github.bffsuite.suite;

import org.jspecify.annotations.NullMarked;
