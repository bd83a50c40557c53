package io.shareddata.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches in Spring Boot Actuator's child context (a separate {@code management.server.port})
 * when the application's context, its parent, has a {@code FilterRegistrationBean} under the
 * given name: the registration that context may carry over. Unlike
 * {@code @ConditionalOnBean(name = ..., search = ANCESTORS)} it looks at the bean's type too,
 * so a plain filter bean of the user's that happens to have that name is left alone instead of
 * failing the child context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnParentFilterRegistrationCondition.class)
public @interface ConditionalOnParentFilterRegistration {

	/**
	 * The bean name of the registration in the parent context.
	 * @return the bean name
	 */
	String value();

}
