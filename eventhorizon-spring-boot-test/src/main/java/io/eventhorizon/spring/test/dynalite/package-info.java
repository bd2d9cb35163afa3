/**
 * dynalite, a DynamoDB-API server on Node.js, installed and started for an application's
 * tests: {@link io.eventhorizon.spring.test.dynalite.DynaliteTest @DynaliteTest}.
 */
@NullMarked
package io.eventhorizon.spring.test.dynalite;

import org.jspecify.annotations.NullMarked;
