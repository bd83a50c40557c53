package io.shareddata.autoconfigure.chain;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code shareddata} actuator endpoint: the active features in chain order, outermost
 * first, with their effective settings.
 */
@Endpoint(id = "shareddata")
public class SharedDataEndpoint {

	private final ListableBeanFactory beanFactory;

	/**
	 * Creates the endpoint.
	 * @param beanFactory the application's bean factory
	 */
	public SharedDataEndpoint(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Returns the chain.
	 * @return the active layers, outermost first
	 */
	@ReadOperation
	public SharedDataChain chain() {
		return SharedDataChain.of(this.beanFactory);
	}

}
