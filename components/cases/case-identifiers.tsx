import type { SubjectIdentifier } from '../../lib/identifiers/subject-identifiers';
import { kindName } from '../../lib/identifiers/kinds';
import { IdentifierLink } from '../identifiers/identifier-link';
import styles from './cases.module.css';

/** What links the case's subject (a ring's shared identifiers, an account's own), each a link to its identifier page. */
export function CaseIdentifiers({
  identifiers,
  total = identifiers.length,
  subjectKind,
}: {
  identifiers: SubjectIdentifier[];
  /** How many there are in all: the list may be the first of them. */
  total?: number;
  subjectKind: 'account' | 'ring';
}) {
  return (
    <section className={styles.section} aria-labelledby="case-identifiers">
      <h2 id="case-identifiers">
        {subjectKind === 'ring' ? 'What the members share' : 'Identifiers'}{' '}
        <small>{total > identifiers.length ? `${identifiers.length} of ${total.toLocaleString('en-US')}` : identifiers.length}</small>
      </h2>
      {identifiers.length === 0 ? (
        <p className={styles.muted}>No identifier recorded for the subject.</p>
      ) : (
        <ul className={styles.identifiers} aria-label="Subject identifiers">
          {identifiers.map((i) => (
            <li key={`${i.kind}:${i.value}`}>
              <span className={styles.muted}>{kindName(i.kind)}</span>
              <span className={styles.identifierValue}>
                <IdentifierLink kind={i.kind} value={i.value} />
                {i.tooCommon && (
                  <span className={styles.commonTag} title="Used by more accounts than detection's limit for its kind: unrelated people share it, so it links nobody">
                    too common to link
                  </span>
                )}
              </span>
              <span className={styles.num}>{i.accounts.toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
