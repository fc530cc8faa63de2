/**
 * Web concerns shared by every version of the partner API: problems, validation,
 * deprecation headers.
 */
@NullMarked
package io.github.bffsuite.partner.web;

import org.jspecify.annotations.NullMarked;
