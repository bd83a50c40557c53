package io.shareddata.autoconfigure.chain;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs one INFO line per active feature at start-up, outermost first, so that the onion a
 * configuration produced can be read in the log.
 */
class SharedDataChainReporter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SharedDataChainReporter.class);

	private final ListableBeanFactory beanFactory;

	SharedDataChainReporter(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			for (SharedDataChain.Layer layer : SharedDataChain.of(this.beanFactory).layers()) {
				logger.info(layer.feature() + ": " + layer.summary());
			}
		}
	}

}
