/** The ring id in a path (`/rings/[id]`, `/api/rings/[id]/…`), checked before it reaches a query (400 otherwise). */
import { pathId } from '../accounts/params';

export const ringIdParam = (raw: string | undefined) => pathId('ring id', raw);
