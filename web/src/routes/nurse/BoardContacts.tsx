import type { BoardItem } from '../../api/board';
import { CareContacts } from '../../components/CareContacts';

/**
 * Who to call, under the patient's name on each board row (the name itself opens the chart): the
 * patient's, the support person's and the emergency contact's numbers as tel: links.
 */
export function BoardContacts({ item }: { item: BoardItem }) {
  return (
    <div className="board__contacts">
      <CareContacts patientName={item.patientName} contacts={item.contacts} chartPath={null} stacked />
    </div>
  );
}
