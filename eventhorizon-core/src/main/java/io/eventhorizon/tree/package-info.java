/**
 * Read models across a tree of streams: the processors, and the reader that finds the
 * streams that moved through the change feed.
 */
@NullMarked
package io.eventhorizon.tree;

import org.jspecify.annotations.NullMarked;
