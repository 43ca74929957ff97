import { NavLink, Outlet } from 'react-router';
import './Admin.css';

const SECTIONS = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/staff', label: 'Staff' },
  { to: '/admin/audit', label: 'Audit trail' },
  { to: '/admin/break-glass', label: 'Break-glass reviews' },
  { to: '/admin/screening', label: 'Screening rules' },
  { to: '/admin/protocols', label: 'Protocols' },
  { to: '/admin/reports/outcomes', label: 'Outcomes' },
  { to: '/admin/closure-requests', label: 'Account closures' },
  { to: '/admin/outbox', label: 'Outbox' },
];

/** Every admin page shares one sub-navigation, so nothing is more than one step away. */
export function AdminLayout() {
  return (
    <>
      <nav className="container admin-nav" aria-label="Administration">
        <ul className="admin-nav__list">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end} className="admin-nav__link">
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
