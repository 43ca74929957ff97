import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './LandingPage.css';

interface Step {
  title: string;
  body: string;
}

// The journey, in the order a patient lives it. Plain words; numbers only where
// CLINICAL-REFERENCE.md backs them.
const JOURNEY: Step[] = [
  {
    title: 'Screening and intake',
    body: 'You answer questions online about your health, medicines, mood and history, and take your blood pressure. Two short questionnaires, the PHQ-9 for depression and the GAD-7 for anxiety, give a starting point to measure against later. Your answers save as you go.',
  },
  {
    title: 'Clinician review and consent',
    body: 'A prescriber licensed in your state reads your answers, talks with you on video, and decides with you whether this treatment is safe for you. If it is, you read the informed consent, ask anything you want, and sign it before anything is prescribed.',
  },
  {
    title: 'A plan made for you',
    body: 'Your prescriber writes your plan: the starting dose, how it may change, how many sessions, and how far apart they are. Doses start low. After each session your prescriber looks at how it went before changing anything.',
  },
  {
    title: 'Sessions at home, with a support person nearby',
    body: 'On a session day you check your blood pressure and heart rate, confirm that your support person is with you, and set an intention. If everything is within your plan, you take your dose, and a calm screen with a timer and a help button stays with you. Effects usually begin within 10 to 15 minutes and mostly fade within 1 to 2 hours. Afterwards you tell your care team how you feel.',
  },
  {
    title: 'Tracking your progress',
    body: 'Every few sessions you answer the PHQ-9 and GAD-7 again. Your chart shows your real scores next to your starting point, and your care team goes through them with you. Progress is rarely a straight line, and the chart does not pretend it is.',
  },
  {
    title: 'Integration',
    body: 'Sessions can bring up feelings, memories and new ways of seeing things. Before each dose you set an intention for the session, and conversations with your integration coach afterwards help you make sense of what came up.',
  },
  {
    title: 'Your long-term plan',
    body: 'At the end of the course you and your prescriber look back at what changed and agree on what comes next: occasional maintenance sessions, check-ins at 1, 3 and 6 months, or stopping. The follow-up questionnaires are there to notice early if symptoms start to return.',
  },
];

const SAFETY: Step[] = [
  {
    title: 'A check before every dose',
    body: 'Ketamine raises blood pressure for a while. Before each dose you measure your blood pressure and heart rate. If either is outside what your plan allows, the session is held (paused), Stillwater tells you why in plain words, and your care team follows up. Blood pressure is checked again about 40 minutes after the dose.',
  },
  {
    title: 'Someone you trust, nearby',
    body: 'An adult you trust, sober and within earshot, is with you for every session and checks on you about every 15 minutes. They get their own short guide: what is normal, and when to call for help.',
  },
  {
    title: 'Your first session, watched live',
    body: 'A nurse or clinician joins your first session by video, so you are not finding out alone what it feels like.',
  },
  {
    title: 'Never more than your plan',
    body: 'Stillwater will not record a dose larger than your prescription, or sooner than your plan allows after the last one.',
  },
  {
    title: 'Simple rules for the day',
    body: 'No alcohol in the 24 hours before. Nothing to eat for 2 to 4 hours before, which helps with nausea. No driving until the next day, after you have slept.',
  },
  {
    title: 'Help at any moment',
    body: 'If your answers ever suggest you are thinking about harming yourself, Stillwater shows crisis help straight away and alerts your care team. During a session, the help button is always on the screen.',
  },
];

const CARE_TEAM: Step[] = [
  {
    title: 'Your prescriber',
    body: 'A clinician licensed to prescribe in your state. Reviews your health history, decides with you whether treatment is safe, writes your plan and prescription, and adjusts them as you go.',
  },
  {
    title: 'Your nurse',
    body: 'Joins your first session live and keeps an eye on session check-ins and alerts. Often the first to reach out if something needs a closer look.',
  },
  {
    title: 'Your integration coach',
    body: 'Helps you turn what comes up in sessions into changes that last, through reflection, goals and practice. Does not see your prescriptions or questionnaire scores.',
  },
];

export function LandingPage() {
  useDocumentTitle('At-home ketamine therapy with a care team');

  return (
    <div className="landing">
      <section className="landing-hero" aria-labelledby="landing-title">
        <div className="container landing-hero__inner">
          <div className="landing-hero__text">
            <p className="landing-eyebrow">At-home ketamine therapy, guided by clinicians</p>
            <h1 id="landing-title">Care for depression and anxiety when other treatments have not helped</h1>
            <p className="lead">
              Stillwater is a program for adults whose depression or anxiety has not eased with other
              treatments. You take a prescribed ketamine lozenge at home, in a calm room with someone you
              trust nearby, while a licensed care team guides each step, from the first health questions to a
              plan for the long term.
            </p>
            <p className="landing-hero__note">
              It is not right for everyone. A clinician looks carefully at your health before anything is
              prescribed, and you can pause or stop at any time.
            </p>
            <div className="landing-hero__actions">
              <Link className="button button-primary" to="/signup">
                Start your intake
              </Link>
              <a className="button button-quiet" href="#how-it-works">
                How it works
              </a>
              <a className="button button-quiet" href="#safety">
                How we keep you safe
              </a>
            </div>
          </div>
          <HeroArt />
        </div>
      </section>

      <section className="landing-section container" aria-labelledby="who-title">
        <h2 id="who-title">Who it is for</h2>
        <div className="landing-columns">
          <div className="landing-panel">
            <h3>It may be worth asking about if</h3>
            <ul className="landing-list">
              <li>you are 18 or older;</li>
              <li>
                you live with depression or anxiety, and the medicines or therapy you have tried have not
                helped enough;
              </li>
              <li>you have a quiet place at home and a trusted adult who can be with you during sessions.</li>
            </ul>
          </div>
          <div className="landing-panel">
            <h3>It is not safe at home for people who</h3>
            <ul className="landing-list">
              <li>have ever had psychosis or mania;</li>
              <li>are dependent on alcohol or drugs, or have ever misused ketamine or PCP;</li>
              <li>are pregnant or breastfeeding;</li>
              <li>
                have high blood pressure that is not under control, or certain heart, blood vessel or brain
                conditions;
              </li>
              <li>
                have attempted suicide recently or intend to act on thoughts of suicide. If that is you right
                now, please call or text <a href="tel:988">988</a>.
              </li>
            </ul>
          </div>
        </div>
        <p className="landing-section__note">
          Some conditions, such as controlled high blood pressure, glaucoma, bladder problems or sleep apnoea,
          mean a clinician takes a closer look. That is not automatically a no.
        </p>
      </section>

      <section id="how-it-works" className="landing-band" aria-labelledby="journey-title">
        <div className="container landing-section landing-journey">
          <div className="landing-journey__intro">
            <h2 id="journey-title">How it works</h2>
            <p className="lead landing-section__intro">
              Seven steps, at a pace your care team sets with you. You can ask questions, pause or stop at any
              point.
            </p>
          </div>
          <ol className="journey">
            {JOURNEY.map((step) => (
              <li className="journey__step" key={step.title}>
                <h3 className="journey__title">{step.title}</h3>
                <p>{step.body}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section id="safety" className="landing-section container" aria-labelledby="safety-title">
        <h2 id="safety-title">Safety at every step</h2>
        <p className="lead landing-section__intro">
          The software checks, explains and holds. A licensed clinician makes every decision about your care.
        </p>
        <ul className="card-grid">
          {SAFETY.map((item) => (
            <li className="card" key={item.title}>
              <h3 className="card__title">{item.title}</h3>
              <p>{item.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section id="care-team" className="landing-section container" aria-labelledby="team-title">
        <h2 id="team-title">Your care team</h2>
        <p className="lead landing-section__intro">
          Real people who know your plan. They call you when something needs a word, and your clinic's number
          is on every page.
        </p>
        <ul className="card-grid card-grid--three">
          {CARE_TEAM.map((member) => (
            <li className="card" key={member.title}>
              <h3 className="card__title">{member.title}</h3>
              <p>{member.body}</p>
            </li>
          ))}
        </ul>
        <p className="landing-section__note">
          And you, at the centre of it. Your support person joins the team on session days, with a simple view
          of what they need to know.
        </p>
      </section>

      <section className="landing-section container" aria-labelledby="crisis-title">
        <div className="crisis-panel">
          <h2 id="crisis-title">If you are struggling right now</h2>
          <p>
            You do not need to be a Stillwater patient to get help. The 988 Suicide &amp; Crisis Lifeline
            answers calls and texts at any hour. If you or someone near you is in immediate danger, call 911.
          </p>
          <div className="crisis-panel__actions">
            <a className="button button-primary" href="tel:988">
              Call 988
            </a>
            <a className="button button-quiet" href="sms:988">
              Text 988
            </a>
            <a className="button button-quiet" href="tel:911">
              Call 911
            </a>
          </div>
        </div>
      </section>
    </div>
  );
}

/** A low sun over still water. Purely decorative. */
function HeroArt() {
  return (
    <div className="landing-hero__art" aria-hidden="true">
      <svg
        viewBox="0 0 400 300"
        preserveAspectRatio="xMidYMid slice"
        focusable="false"
        className="hero-art"
        aria-hidden="true"
      >
        <rect className="hero-art__sky" width="400" height="300" />
        <circle className="hero-art__sun" cx="200" cy="150" r="46" />
        <rect className="hero-art__water" y="160" width="400" height="140" />
        <path className="hero-art__line" d="M60 192c46-14 94-14 140 0s94 14 140 0" />
        <path className="hero-art__line hero-art__line--mid" d="M100 226c33-10 67-10 100 0s67 10 100 0" />
        <path className="hero-art__line hero-art__line--far" d="M140 258c20-6 40-6 60 0s40 6 60 0" />
      </svg>
    </div>
  );
}
