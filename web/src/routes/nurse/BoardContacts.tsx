import type { BoardItem } from '../../api/board';
import { CareContacts } from '../../components/CareContacts';

/** The board's "Who to call" cell: the patient's, support person's and emergency contact's numbers. */
export function BoardContactsCell({ item }: { item: BoardItem }) {
  return (
    <td className="board__contacts">
      <CareContacts patientName={item.patientName} contacts={item.contacts} chartPath={item.chartPath} />
    </td>
  );
}
