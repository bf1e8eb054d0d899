// The job's photos and, for whoever is signed in, the camera to add more.
import { useState } from 'react';
import { JobPhotos } from '../../../components/photos/JobPhotos';
import { PhotoCapture } from '../../../components/photos/PhotoCapture';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';

export function PhotosPanel({ job, actor }: { job: JobState; actor: StaffMember | null }) {
  const [taking, setTaking] = useState(false);
  // Before the work starts a photo is a "before"; from QC on it is an "after".
  const tag = job.status === 'qc' || job.status === 'ready' ? 'after' : 'before';
  return (
    <div className="jp-card">
      <JobPhotos jobId={job.id} />
      {actor &&
        (taking ? (
          <>
            <PhotoCapture jobId={job.id} defaultTag={tag} />
            <button type="button" className="button" onClick={() => setTaking(false)}>
              Done taking photos
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setTaking(true)}>
            Add photos
          </button>
        ))}
    </div>
  );
}
