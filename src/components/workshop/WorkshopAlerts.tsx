// The workshop's alerts above the jobs list: a machine out of service (for everyone at the bench),
// and for a manager the items short, maintenance overdue or due, open malfunctions and scales that
// failed or are overdue for their check, each a link to where it is dealt with.
import { Link } from 'react-router';
import { useEquipmentAlerts } from '../../db/equipmentQueries';
import { useShortages } from '../../db/inventoryQueries';
import { useCurrentStaff } from '../staff/useCurrentStaff';
import './workshopAlerts.css';

interface Alert {
  key: string;
  text: string;
  to: string;
  urgent: boolean;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function WorkshopAlerts() {
  const staff = useCurrentStaff();
  const equipment = useEquipmentAlerts();
  const shortages = useShortages();
  const manager = staff?.role === 'manager';
  const alerts: Alert[] = [];
  if (equipment && equipment.outOfService > 0) {
    alerts.push({
      key: 'out',
      text: `${count(equipment.outOfService, 'machine', 'machines')} out of service`,
      to: '/equipment?tab=board',
      urgent: true,
    });
  }
  if (manager && equipment) {
    const otherMalfunctions = equipment.openMalfunctions - equipment.outOfService;
    if (otherMalfunctions > 0) {
      alerts.push({
        key: 'malfunctions',
        text: `${count(otherMalfunctions, 'malfunction', 'malfunctions')} reported`,
        to: '/equipment?tab=board',
        urgent: true,
      });
    }
    if (equipment.scalesFailed > 0) {
      alerts.push({
        key: 'scales-failed',
        text: `${count(equipment.scalesFailed, 'scale', 'scales')} failed the check`,
        to: '/equipment?tab=board',
        urgent: true,
      });
    }
    if (equipment.overdueTasks > 0) {
      alerts.push({
        key: 'overdue',
        text: `${count(equipment.overdueTasks, 'maintenance task', 'maintenance tasks')} overdue`,
        to: '/equipment?tab=board',
        urgent: true,
      });
    }
    if (equipment.scalesOverdue > 0) {
      alerts.push({
        key: 'scales-overdue',
        text: `${count(equipment.scalesOverdue, 'scale', 'scales')} due for a check`,
        to: '/equipment?tab=board',
        urgent: false,
      });
    }
    if (equipment.dueTasks > 0) {
      alerts.push({
        key: 'due',
        text: `${count(equipment.dueTasks, 'maintenance task', 'maintenance tasks')} due today`,
        to: '/equipment?tab=board',
        urgent: false,
      });
    }
  }
  if (manager && shortages && shortages.length > 0) {
    alerts.push({
      key: 'short',
      text: `${count(shortages.length, 'item', 'items')} below minimum`,
      to: '/inventory?tab=shortages',
      urgent: false,
    });
  }
  if (alerts.length === 0) return null;
  return (
    <section className="workshop-alerts" aria-label="Workshop alerts">
      <ul>
        {alerts.map((a) => (
          <li key={a.key}>
            <Link to={a.to} className={a.urgent ? 'wa-link wa-urgent' : 'wa-link'}>
              {a.text}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
