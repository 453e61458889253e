/**
 * The namspill health check without Spring Boot's health API: what both starters' health
 * indicators report.
 */
@NullMarked
package io.namspill.spring.boot.status;

import org.jspecify.annotations.NullMarked;
