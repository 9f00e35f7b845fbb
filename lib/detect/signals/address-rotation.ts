import { ramp, share } from '../../features/account-features';
import { none, type Signal } from './signal';

/** A new address for nearly every request, across many networks: a rotating proxy pool. */
export const addressRotation: Signal = {
  code: 'ADDRESS_ROTATION',
  evaluate(f) {
    if (f.n < 20) return none;
    const distinct = f.ips.size + f.moreIps;
    const perRequest = share(distinct, f.n);
    return {
      strength: ramp(perRequest, 0.3, 0.8) * ramp(f.asns.size, 5, 20),
      detail: `${distinct.toLocaleString('en-US')} addresses in ${f.asns.size} networks for ${f.n.toLocaleString('en-US')} requests`,
    };
  },
};
