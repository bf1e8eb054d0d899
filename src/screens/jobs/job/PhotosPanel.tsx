// The job's photos and, for whoever is signed in, the camera to add more.
import { useState } from 'react';
import { defaultPhotoTag } from '../../../components/photos/defaultPhotoTag';
import { JobPhotos } from '../../../components/photos/JobPhotos';
import { PhotoCapture } from '../../../components/photos/PhotoCapture';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';

export function PhotosPanel({ job, actor }: { job: JobState; actor: StaffMember | null }) {
  const [taking, setTaking] = useState(false);
  // Read again as the job moves on: a photo after the last step is an "after", at QC a "QC".
  const tag = defaultPhotoTag(job);
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
