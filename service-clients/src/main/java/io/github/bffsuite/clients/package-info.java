/**
 * The sample services declared once as {@code @HttpExchange} interfaces, and the records
 * their JSON maps to.
 */
@NullMarked
package io.github.bffsuite.clients;

import org.jspecify.annotations.NullMarked;
